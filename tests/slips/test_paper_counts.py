"""Paper counts read as a person says them: only the kinds there are."""

from motcua.slips.content import DocumentRow


def test_only_the_kinds_there_are_are_named():
    assert DocumentRow("Tờ khai", 1, 0, 2).in_words == "1 bản chính, 2 bản photo"
    assert DocumentRow("Tờ khai", 0, 1, 0).in_words == "1 bản sao chứng thực"
    assert DocumentRow("Tờ khai", "", "", "1 bản điện tử").in_words == "1 bản điện tử"
    assert DocumentRow("Tờ khai", 0, 0, 0).in_words == "không có bản nào"

"""The 2027 case: the announced civil-servant schedule the estimate got wrong.

The `holidays` library estimates Tết Đinh Mùi (mùng 1 = Saturday 06/02/2027) as Thursday 04/02
to Wednesday 10/02, five weekdays off. This announcement (the shape of the yearly official
letter; its number is an example) grants Wednesday 03/02 to Tuesday 09/02, five weekdays too:
03/02 is added and the library's guessed 10/02 (mùng 5) is not granted. Before announced years,
importing it on top of the estimate left 10/02 off as well: six days off instead of five.
"""

import datetime as dt

SOURCE = "CV 9012/VPCP-KGVX"

CSV = """date,kind,reason,legal_source
03/02/2027,day_off,Nghỉ Tết Nguyên đán Đinh Mùi,
04/02/2027,day_off,Nghỉ Tết Nguyên đán Đinh Mùi,
05/02/2027,day_off,Nghỉ Tết Nguyên đán Đinh Mùi,
08/02/2027,day_off,Nghỉ Tết Nguyên đán Đinh Mùi,
09/02/2027,day_off,Nghỉ Tết Nguyên đán Đinh Mùi,
16/04/2027,day_off,Giỗ Tổ Hùng Vương (10/3 âm lịch),
03/05/2027,day_off,Nghỉ bù Ngày Quốc tế Lao động (01/05 là thứ Bảy),
03/09/2027,day_off,Nghỉ lễ Quốc khánh,
"""

ADDED, DROPPED = dt.date(2027, 2, 3), dt.date(2027, 2, 10)
TET_WEEKS = (dt.date(2027, 2, 1), dt.date(2027, 2, 14))  # Monday 01/02 to Sunday 14/02

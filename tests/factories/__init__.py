"""factory-boy factories, one module per app (Faker in Vietnamese).

Build the few objects a test needs: ``AgencyFactory()``, ``StaffFactory(role=Role.SPECIALIST,
agency=a)``, ``ProcedureVersionFactory(deciding_agency=a)``, ``dossier_in(state, ...)``. The
minimal world most tests share is the ``world`` fixture of tests/conftest.py.
"""

import factory

factory.Faker._DEFAULT_LOCALE = "vi_VN"

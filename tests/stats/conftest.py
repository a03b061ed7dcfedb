# the api/flow fixtures of the dossier engine's tests, for dossiers driven through the API
from tests.dossiers.conftest import CITIZEN, api, flow, local  # noqa: F401

"""What every app's API router shares: field types, error schemas and pagination. The API app
(``motcua.api``) mounts the routers and decides how a caller signs in."""

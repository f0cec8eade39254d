from policyreach.cli.main import app

app()

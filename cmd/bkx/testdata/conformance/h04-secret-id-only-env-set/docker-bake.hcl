target "default" {
  secret = ["id=NPM_TOKEN", "id=GH_TOKEN,env=GITHUB_TOKEN"]
}

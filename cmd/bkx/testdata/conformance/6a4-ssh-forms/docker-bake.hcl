target "default" {
  ssh = ["github=key.pem", { id = "gitlab", paths = ["key.pem"] }]
}

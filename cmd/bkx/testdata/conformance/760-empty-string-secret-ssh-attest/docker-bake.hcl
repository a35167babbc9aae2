target "default" {
  secret = ["", "id=a,env=A"]
  ssh = [""]
  attest = ["", "type=sbom"]
}

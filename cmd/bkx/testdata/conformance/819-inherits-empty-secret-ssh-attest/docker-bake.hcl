target "base" {
  secret = ["id=a,env=A"]
  attest = ["type=sbom"]
  contexts = { x = "docker-image://alpine" }
  annotations = ["k=v"]
}
target "child" {
  inherits = ["base"]
  secret = []
  attest = []
  contexts = {}
  annotations = []
}

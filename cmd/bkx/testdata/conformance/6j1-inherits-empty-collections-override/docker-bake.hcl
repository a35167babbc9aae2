target "base" {
  args = { A = "1" }
  labels = { l = "1" }
  contexts = { c = "docker-image://x" }
  output = ["type=docker"]
  cache-from = ["type=registry,ref=r"]
  platforms = ["linux/amd64"]
  secret = ["id=s,env=S"]
}
target "child" {
  inherits = ["base"]
  args = {}
  labels = {}
  contexts = {}
  output = []
  cache-from = []
  platforms = []
  secret = []
}

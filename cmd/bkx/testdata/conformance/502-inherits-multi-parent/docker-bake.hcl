target "p" {
  cache-from = ["type=registry,ref=p"]
  args = { A = "p", B = "p" }
  tags = ["p"]
  labels = { L = "p" }
  platforms = ["linux/amd64"]
  annotations = ["p=1"]
}
target "q" {
  cache-from = ["type=registry,ref=q"]
  args = { A = "q" }
  tags = ["q"]
  annotations = ["q=1"]
}
target "c" {
  inherits = ["p", "q"]
  cache-from = ["type=registry,ref=c", "type=registry,ref=p"]
  args = { C = "c" }
}
target "d" {
  inherits = ["c"]
  platforms = []
  labels = { L = null, M = "d" }
}

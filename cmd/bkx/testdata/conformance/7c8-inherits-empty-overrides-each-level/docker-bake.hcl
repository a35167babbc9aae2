target "a" {
  tags = ["a"]
  args = { A = "1" }
  platforms = ["linux/amd64"]
  description = "A"
  output = ["type=docker"]
}
target "b" {
  inherits = ["a"]
  tags = []
  args = {}
  output = []
}
target "default" {
  inherits = ["b"]
  description = ""
  platforms = []
}

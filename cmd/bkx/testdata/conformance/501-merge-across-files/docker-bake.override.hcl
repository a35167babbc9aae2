variable "V" { default = "override" }
group "default" { targets = ["b", "a"] }
target "a" {
  args = { Y = "2", Z = V }
  cache-from = ["type=registry,ref=2"]
  contexts = { c2 = "docker-image://2" }
}
target "b" {}

variable "V" { default = "hcl" }
group "default" { targets = ["a"] }
target "a" {
  args = { X = "1", Y = "1" }
  labels = { l = "1" }
  tags = ["1"]
  cache-from = ["type=registry,ref=1"]
  platforms = ["linux/amd64"]
  contexts = { c1 = "docker-image://1" }
}

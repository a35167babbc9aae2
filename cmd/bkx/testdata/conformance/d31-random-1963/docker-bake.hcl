variable "VERSION" {
  type = set(string)
  default = [for i, x in [] : "${i}-${x}" if x != "a"]
  description = "d"
}

variable "V1" {
  default = {for x in VERSION : x => upper(x)}
}

variable "V2" {
  default = "base"
}

variable "V3" {

}

target "tool" {
  name = "tool-${replace(plat, ".", "_")}"
  matrix = { plat = ["a", "b"] }
  attest = []
  network = null
  secret = ["id=a,env=A", { "id" = "tok", "env" = "TOK" }]
  cache-from = []
  tags = ["img:${plat}"]
}

target "app" {
  tags = []
}

target "t-1" {
  secret = []
  context = "./sub"
  no-cache = false
  description = "web"
}

target "base" {
  entitlements = ["security.insecure", "network.host"]
  cache-from = [{ type = "registry", ref = "r/c", "mode" = "max" }]
}

group "g2" {
  targets = ["base", "tool", "t-1"]
}

group "all" {
  targets = []
}

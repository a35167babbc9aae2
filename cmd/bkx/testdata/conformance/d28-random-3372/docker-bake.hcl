variable "N" {
  type = bool
  default = false
}

variable "V1" {
  default = signum(-2)
}

variable "V2" {
  type = bool
  default = true
}

variable "V3" {
  default = null
}

target "t-1" {

}

target "web" {
  args = { K2 = k2 }
  name = "web-${item}-${k2}"
  matrix = { item = ["a", "b"], k2 = ["p", "q"] }
  context = "https://github.com/a/b.git"
  cache-to = [{ type = "gha", scope = "s" }]
  annotations = ["k=v"]
  description = formatdate("YYYY-MM-DD", "2020-01-02T03:04:05Z")
  target = "build"
  entitlements = []
}

target "tool" {
  name = "tool-${replace(v, ".", "_")}"
  matrix = { v = split(",", "p,q") }
  tags = ["img:${v}"]
}

target "app" {
  entitlements = ["network.host"]
  inherits = ["t-1"]
}

target "test" {
  context = "."
  platforms = ["local", "linux/amd64", "linux/amd64"]
  dockerfile-inline = <<EOT
FROM scratch
COPY . .
EOT
  network = "default"
}

group "default" {
  targets = ["test", "app"]
}

group "g2" {
  targets = ["t-1"]
}

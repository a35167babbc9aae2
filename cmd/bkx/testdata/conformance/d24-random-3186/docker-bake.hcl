variable "V0" {
  default = format("%s-%s", "web", "dev")
}

variable "V1" {
  default = join("", [])
}

variable "V2" {
  type = bool
  default = false
}

function "fn0" {
  params = [p0, p1]
  result = p0 == "" ? "e" : p0
}

function "fn1" {
  params = [p0]
  result = upper(p0)
}

target "t-1" {

}

target "web" {
  dockerfile = "-"
}

target "tool" {
  cache-to = []
  pull = null
  dockerfile-inline = <<EOT
FROM scratch
COPY . .
EOT
  no-cache-filter = ["base"]
  ulimits = ["nproc=3", "core=0"]
}

target "app" {
  attest = []
  args = merge({for x in ["x"] : x => upper(x)}, { z = "1" })
  extra-hosts = { h1 = "10.0.0.1" }
  network = "default"
  cache-to = [{ type = "inline" }, { "type" = "registry", ref = "r/c" }]
  labels = { ref = target.base.dockerfile }
}

target "base" {
  cache-from = []
  no-cache-filter = ["base"]
}

group "default" {
  targets = ["t-1", "tool", "base"]
}

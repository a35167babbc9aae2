variable "V0" {
  default = 1
}

variable "V1" {
  default = null
  description = "d"
}

variable "V2" {
  type = string
  default = "v1"
  validation {
    condition = V2 != "bad"
    error_message = "bad V2"
  }
}

function "fn0" {
  params = [p0]
  result = "${p0}-x"
}

function "fn1" {
  params = [p0]
  result = upper(p0)
}

target "t_2" {
  cache-from = [{ type = "registry", "ref" = "r/c", "mode" = "max" }]
  args = merge({  }, { z = "1" })
  network = null
}

target "app" {

}

target "web" {
  description = jsonencode(["app-${V0}"])
  shm-size = "2gb"
  args = {for x in [V1, V0, "v1"] : x => upper(x)}
  entitlements = ["network.host"]
  no-cache = false
  inherits = ["app"]
}

target "tool" {
  extra-hosts = { h1 = "1.2.3.4", "my.host" = "1.2.3.4" }
  network = "default"
  no-cache = null
  cache-to = []
  contexts = { base = "docker-image://alpine" }
  target = "build"
}

target "base" {
  dockerfile-inline = "FROM alpine\nRUN echo $${X}\n"
}

group "default" {
  targets = ["tool"]
}

group "g2" {
  targets = ["default", "t_2"]
}

variable "REPO" {
  type = string
}

variable "V1" {
  type = string
}

variable "V2" {
  type = number
  default = 13
}

function "fn0" {
  params = [p0, p1]
  result = "${p0}-x"
}

function "fn1" {
  params = [p0, p1]
  result = p0 == "" ? "e" : p0
}

TOP = replace("base", "-", "_")

target "tool" {

}

target "t_2" {

}

target "base" {
  pull = can("app-${V1}")
  tags = target.t_2.tags
}

group "default" {
  targets = ["tool", "base"]
}

group "g2" {
  targets = []
}

variable "V0" {
  default = "tool"
}

variable "VERSION" {
  type = string
  default = format("%s-%s", "x y", "x y")
  validation {
    condition = VERSION != ""
    error_message = "bad VERSION"
  }
}

variable "N" {
  default = distinct([V0])
}

target "tool" {
  cache-from = [{ type = "registry", ref = "r/c", "mode" = "max" }, ""]
  ulimits = ["core=0"]
  dockerfile-inline = <<EOT
FROM scratch
COPY . .
EOT
}

target "api" {

}

target "t-1" {
  name = "t-1-${replace(v, ".", "_")}"
  matrix = { v = ["1.0", "2.0"] }
  contexts = { base = "target:tool", base = "target:tool" }
  args = { C = true, A = "dev-${V0}" }
  cache-to = []
  tags = ["img:${v}"]
}

group "all" {
  targets = ["tool", "api", "t-1", "tool"]
}

# Everything buildx ignores is a warning, and its expression is never
# evaluated (nosuch is not an error here). Unknown attributes of function
# and validation blocks buildx refuses: errors.
variable "V" {
  default = "1"
  sensitive = true # WARNING: Unsupported argument
  validation {
    condition = V != ""
    message = "x" # ERROR: Unsupported argument
  }
}
function "f" {
  params = [x]
  result = x
  returns = nosuch # ERROR: Unsupported argument
}
target "app" {
  push = true # WARNING: Unsupported argument
  load = true # WARNING: Unsupported argument
  depends-on = ["base"] # WARNING: Unsupported argument
  args { # WARNING: Unsupported block type
    A = "1"
  }
  secrets = nosuch # WARNING: Unsupported argument
}
target "base" {}
group "default" {
  targets = ["app"]
  colour = nosuch # WARNING: Unsupported argument
}
locals { # WARNING: Unknown block type
  x = 1
}
# TARGETS: default

variable "MATRIX" {
  default = {
    alpine = ["3.18", "3.19"]
    debian = ["bookworm"]
  }
}
target "default" {
  tags = flatten([for os, vs in MATRIX : [for v in vs : "${os}-${v}"]])
  labels = { for k, v in MATRIX : k => join(",", v) if length(v) > 1 }
  args = { for i, v in ["x", "y"] : "ARG_${i}" => upper(v) }
}

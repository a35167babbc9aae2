variable "V" { default = "1.0" }
target "default" {
  args = {
    A = "v${V}"
    B = <<EOT
ver=${V}
EOT
  }
}

target "default" {
  args = {
    A = <<EOT
line1
  line2
EOT
    B = <<-EOT
    x
    EOT
  }
}

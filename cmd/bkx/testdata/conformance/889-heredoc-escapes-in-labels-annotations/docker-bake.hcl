target "default" {
  labels = {
    l = <<EOT
$${L}
EOT
  }
  annotations = [<<EOT
k=$${v}
EOT
  ]
  description = <<EOT
desc $${d}
EOT
}

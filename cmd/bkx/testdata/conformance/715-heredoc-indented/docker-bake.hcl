variable "V" { default = "val" }
target "default" {
  dockerfile-inline = <<-EOT
      FROM alpine
        RUN echo ${V}
      RUN echo done
    EOT
}

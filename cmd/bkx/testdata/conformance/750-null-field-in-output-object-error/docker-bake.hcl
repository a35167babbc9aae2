target "default" {
  output = [{type = "local", dest = null}]
}

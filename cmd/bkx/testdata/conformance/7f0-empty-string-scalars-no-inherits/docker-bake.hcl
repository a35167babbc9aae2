target "default" {
  description = ""
  target = ""
  call = ""
  network = ""
  dockerfile-inline = ""
  dockerfile = ""
  context = ""
}

target "default" {
  args = { A = "%{ for x in [1] }${x}" }
}

target "t-1" {
  network = "host"
  labels = merge(merge({}, { z = "1" }), { z = "1" })
}

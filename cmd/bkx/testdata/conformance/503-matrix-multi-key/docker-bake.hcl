target "m" {
  name = "m-${os}-${v}"
  matrix = { os = ["alpine", "debian"], v = ["1", "2"] }
  args = { OS = os, V = v }
  tags = ["m:${os}-${v}"]
}

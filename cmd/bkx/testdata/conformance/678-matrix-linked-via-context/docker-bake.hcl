target "base" {
  name = "base-${os}"
  matrix = { os = ["alpine", "debian"] }
  args = { OS = os }
}
target "app" {
  contexts = { base = "target:base-debian" }
}

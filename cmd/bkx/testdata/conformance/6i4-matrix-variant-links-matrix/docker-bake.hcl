target "base" {
  name = "base-${os}"
  matrix = { os = ["alpine", "debian"] }
}
target "app" {
  name = "app-${os}"
  matrix = { os = ["alpine", "debian"] }
  contexts = { base = "target:base-${os}" }
}

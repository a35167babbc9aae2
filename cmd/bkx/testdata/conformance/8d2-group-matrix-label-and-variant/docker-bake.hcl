group "default" { targets = ["img", "img-alpine"] }
target "img" {
  name = "img-${os}"
  matrix = { os = ["alpine", "debian"] }
}

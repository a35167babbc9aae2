target "base-alpine" { args = { PKG = "apk" } }
target "base-debian" { args = { PKG = "apt" } }
target "img" {
  name = "img-${os}"
  matrix = { os = ["alpine", "debian"] }
  inherits = ["base-${os}"]
  tags = ["img:${os}"]
}

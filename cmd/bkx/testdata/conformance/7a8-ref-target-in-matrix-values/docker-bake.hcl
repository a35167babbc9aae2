target "src" {
  platforms = ["linux/amd64", "linux/arm64"]
}
target "m" {
  matrix = { p = target.src.platforms }
  name = "m-${replace(p, "/", "_")}"
  platforms = [p]
}

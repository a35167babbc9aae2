target "app" {
  name = "app-${v}"
  matrix = { v = ["a", "b"] }
  tags = ["x:${v}"]
  platfrom = "linux/arm64"
}
group "default" {
  targets = ["app"]
}

target "app" {
  tags = ["one"]
  args = { A = "1", B = "1" }
  dockerfile = "first.Dockerfile"
}
target "app" {
  args = { B = "2", C = "2" }
  target = "second"
}
group "default" { targets = ["app"] }

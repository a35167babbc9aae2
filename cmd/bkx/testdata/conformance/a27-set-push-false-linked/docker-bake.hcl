target "dep" { output = ["type=registry"] }
target "app" {
  output = ["type=image,push=true"]
  contexts = { d = "target:dep" }
}

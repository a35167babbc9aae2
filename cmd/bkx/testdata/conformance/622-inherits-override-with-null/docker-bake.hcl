target "base" {
  dockerfile = "Base.Dockerfile"
  tags = ["x"]
  platforms = ["linux/arm64"]
}
target "child" {
  inherits = ["base"]
  dockerfile = null
  tags = null
  platforms = null
}

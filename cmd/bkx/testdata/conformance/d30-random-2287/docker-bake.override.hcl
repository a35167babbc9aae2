target "t_2" {
  tags = ["img"]
  target = "build"
}

target "default" {
  tags = [1, true, 2.50]
  platforms = ["linux/${"amd64"}"]
  target = 123
  context = false
  args = { N = 007, B = false, F = 1.10 }
  labels = { big = 1e21 }
}

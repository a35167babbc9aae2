target "app" {
  annotations = ["a=$${X}", "b=%%{Y}"]
  labels = { l = "%%{Z}" }
}

target "app" {
  description = "d $${X} %%{Y}"
  tags = ["r/app:$${T}", "r/app:%%{U}"]
}

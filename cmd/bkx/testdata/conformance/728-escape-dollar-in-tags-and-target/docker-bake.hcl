target "default" {
  tags = ["a$${b}", "c$d"]
  target = "$${x}"
  args = { A = "$${y}", B = "%%{z}", C = "$$" }
}

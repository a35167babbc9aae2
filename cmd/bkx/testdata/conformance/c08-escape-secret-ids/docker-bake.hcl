target "app" {
  secret = ["id=s$${A},env=E", "id=t%%{B},env=F"]
}

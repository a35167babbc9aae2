target "test" {

}

group "default" {
  targets = ["app"]
}

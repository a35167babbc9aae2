target "tool" {

}

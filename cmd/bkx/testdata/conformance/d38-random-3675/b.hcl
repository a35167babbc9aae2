target "t_2" {
  target = "build"
  args = {for x in ["a:b", "$${lit}"] : x => upper(x)}
}

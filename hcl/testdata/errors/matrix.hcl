target "a" {
  name = "a-${x}"
  matrix = "x" # ERROR: Invalid matrix
}
target "b" { # ERROR: Duplicate target name
  matrix = { x = ["1", "2"] } 
}
target "b2" { # ERROR: Duplicate target name
  matrix = { x = ["1", "2"] }
}
target "c" {
  name = "c" # ERROR: name requires matrix
}
target "d" {
  name = "d/${x}" # ERROR: Invalid name
  matrix = { x = ["1"] }
}
target "e" {
  name = "e-${x}"
  matrix = { x = "not-a-list" } # ERROR: Invalid matrix
}
group "g" {
  matrix = { x = ["1"] } # ERROR: matrix is not supported for groups
  targets = []
}

target "default" {
  args = {
    A = 1 / 0 # ERROR: Operation failed
    B = 7 % 0 # ERROR: Operation failed
    C = divide(1, 0) # ERROR: Error in function call
  }
}

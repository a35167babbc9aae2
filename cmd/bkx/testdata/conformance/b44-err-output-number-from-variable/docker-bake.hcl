variable "O" { default = [1] }
target "app" { output = O }

variable "TL" { type = list(string) }
variable "TM" { type = map(string) }
variable "TO" { type = object({a = string, b = number}) }
variable "TT" { type = tuple([string, number]) }
variable "TN" { type = list(number) }
variable "TS" {
  type = set(string)
  default = []
}
target "default" {
  args = {
    TL = jsonencode(TL)
    TM = jsonencode(TM)
    TO = jsonencode(TO)
    TT = jsonencode(TT)
    TN = jsonencode(TN)
    TS = jsonencode(TS)
  }
}

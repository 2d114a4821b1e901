import json, datetime as dt, sys
D=dt.date
def easter(y):
    a=y%19;b=y//100;c=y%100;d=b//4;e=b%4;f=(b+8)//25;g=(b-f+1)//3;h=(19*a+b-d-g+15)%30
    i=c//4;k=c%4;l=(32+2*e+2*i-h-k)%7;m=(a+11*h+22*l)//451;mo=(h+l-7*m+114)//31;da=((h+l-7*m+114)%31)+1
    return D(y,mo,da)
def nth_wd(y,m,wd,n):
    d=D(y,m,1)
    while d.weekday()!=wd: d+=dt.timedelta(1)
    return d+dt.timedelta(7*(n-1))
def last_wd(y,m,wd):
    d=D(y,m+1,1)-dt.timedelta(1) if m<12 else D(y,12,31)
    while d.weekday()!=wd: d-=dt.timedelta(1)
    return d
MON=0
def christmas(y):
    out=[]
    c=D(y,12,25);b=D(y,12,26)
    if c.weekday()==5: out+= [(D(y,12,27),"Christmas Day (substitute day)"),(D(y,12,28),"Boxing Day (substitute day)")]
    elif c.weekday()==6: out+= [(D(y,12,26),"Boxing Day"),(D(y,12,27),"Christmas Day (substitute day)")]
    elif c.weekday()==4: out+= [(c,"Christmas Day"),(D(y,12,28),"Boxing Day (substitute day)")]
    else: out+=[(c,"Christmas Day"),(b,"Boxing Day")]
    return out
def newyear(y):
    n=D(y,1,1)
    if n.weekday()==5: return [(D(y,1,3),"New Year’s Day (substitute day)")]
    if n.weekday()==6: return [(D(y,1,2),"New Year’s Day (substitute day)")]
    return [(n,"New Year’s Day")]
def next_monday_if_weekend(d):
    if d.weekday()==5: return d+dt.timedelta(2),True
    if d.weekday()==6: return d+dt.timedelta(1),True
    return d,False
def uk_common(y, division):
    out=[]
    out+=newyear(y)
    e=easter(y)
    out.append((e-dt.timedelta(2),"Good Friday"))
    if division!="scotland": out.append((e+dt.timedelta(1),"Easter Monday"))
    # early May
    if y==2020: out.append((D(2020,5,8),"Early May bank holiday (VE day)"))
    else: out.append((nth_wd(y,5,MON,1),"Early May bank holiday"))
    if y==2022:
        out.append((D(2022,6,2),"Spring bank holiday")); out.append((D(2022,6,3),"Platinum Jubilee bank holiday"))
    else: out.append((last_wd(y,5,MON),"Spring bank holiday"))
    if y==2022: out.append((D(2022,9,19),"Bank Holiday for the State Funeral of Queen Elizabeth II"))
    if y==2023: out.append((D(2023,5,8),"Bank holiday for the coronation of King Charles III"))
    if division=="scotland": out.append((nth_wd(y,8,MON,1),"Summer bank holiday"))
    else: out.append((last_wd(y,8,MON),"Summer bank holiday"))
    out+=christmas(y)
    if division=="scotland":
        n=D(y,1,1); s=D(y,1,2)
        if n.weekday() in (5,6) or s.weekday() in (5,6):
            # 2 January substitute: the first weekday after New Year's (substitute) day
            first=[d for d,_ in newyear(y)][0]
            d=max(first+dt.timedelta(1), s)
            while d.weekday()>=5: d+=dt.timedelta(1)
            out.append((d,"2nd January (substitute day)"))
        else: out.append((s,"2nd January"))
        d,sub=next_monday_if_weekend(D(y,11,30)); out.append((d,"St Andrew’s Day"+(" (substitute day)" if sub else "")))
    if division=="northern-ireland":
        d,sub=next_monday_if_weekend(D(y,3,17)); out.append((d,"St Patrick’s Day"+(" (substitute day)" if sub else "")))
        d,sub=next_monday_if_weekend(D(y,7,12)); out.append((d,"Battle of the Boyne (Orangemen’s Day)"+(" (substitute day)" if sub else "")))
    return out
def us(y):
    out=[]
    def obs(d,name):
        if d.weekday()==5: return (d-dt.timedelta(1),name)
        if d.weekday()==6: return (d+dt.timedelta(1),name)
        return (d,name)
    out.append(obs(D(y,1,1),"New Year's Day"))
    out.append((nth_wd(y,1,MON,3),"Martin Luther King Jr. Day"))
    out.append((nth_wd(y,2,MON,3),"Washington's Birthday"))
    out.append((last_wd(y,5,MON),"Memorial Day"))
    if y>=2021: out.append(obs(D(y,6,19),"Juneteenth National Independence Day"))
    out.append(obs(D(y,7,4),"Independence Day"))
    out.append((nth_wd(y,9,MON,1),"Labor Day"))
    out.append((nth_wd(y,10,MON,2),"Columbus Day"))
    out.append(obs(D(y,11,11),"Veterans Day"))
    out.append((nth_wd(y,11,3,4),"Thanksgiving Day"))
    out.append(obs(D(y,12,25),"Christmas Day"))
    return out
def gen(kind, y0, y1):
    days=[]
    for y in range(y0,y1+1):
        days+= us(y) if kind=="us" else uk_common(y,kind)
    # keep only days inside the covered years
    days=[(d,n) for d,n in days if y0<=d.year<=y1]
    # a US New Year observed on 31 Dec of the year before the first year belongs to that year; include next year's when it falls in range
    if kind=="us":
        nx=D(y1+1,1,1)
        if nx.weekday()==5: days.append((D(y1,12,31),"New Year's Day"))
    days.sort()
    return days
if __name__=="__main__":
    kind,y0,y1=sys.argv[1],int(sys.argv[2]),int(sys.argv[3])
    for d,n in gen(kind,y0,y1): print(d.isoformat(),n)
